"""Young people's register: first-person consultation feedback, informal and unpolished.

Includes negation and contrast ("don't feel unsafe at school but..."), slang where "safe"
means good (no safety polarity), and parts with no theme at all.
"""
from __future__ import annotations

from corpora_synthetic.template import P, keyed

OPENERS = [
    P("[ok|okay|right] so"), P("[honestly|tbh|to be honest]"), P("idk where to start [really|lol]"),
    P("for the survey"), P("[erm|umm|hmm]"), P("[i'm|im] {age} and"), P("not gonna lie"), P("basically"),
    P("me and my mates think"), P("[i go to|i'm at|im at] {school} and"), P("[this is|it's] {person} [btw|by the way]"),
    P("[i'm in|im in] {year} and"), P("[so yeah|yeah so]"), P("[dunno|don't know] if this helps but"),
]

SAY = keyed({
    "safety": [
        P("[i don't|i dont|i do not] feel safe walking home [at night|after dark|in winter]", polarity="unsafe"),
        P("[i feel|i'm|im] [proper|well|really] scared when [lads|groups] [follow|shout at] you", polarity="unsafe"),
        P("i feel safe [most of the time|mostly] [tbh|to be fair]", polarity="safe"),
        P("people carry knives [round here|near me] and everyone knows it", polarity="unsafe"),
        P("[my mate|my friend] got jumped [last month|in {month}] so now [i'm|im] always looking over my shoulder", "peers", "unsafe"),
        P("i don't feel unsafe at school but {station} is scary", "education", "mixed"),
        P("[it's|its] fine in the day [but|tho] at night [i won't|i wont] go [near|past] {park}", polarity="mixed"),
        P("nobody's ever threatened me [or anything|tbh]", polarity="safe"),
        P("[i'm|im] not scared of anything round here, [it's|its] calm", polarity="safe"),
        P("[there's|theres] fights [every week|all the time] [after school|on the way home]", polarity="unsafe"),
        P("i never feel safe [on the bus|on the buses] at night", polarity="unsafe"),
        P("[i feel|feel] [safe|alright|fine] [round my area|where i live] [honestly|tbh]", polarity="safe"),
        P("[i'm|im] not worried about [fights|getting hurt] [anymore|these days]", polarity="safe"),
        P("[it's|its] safe [at the club|at home] but not [in town|on the way back]", polarity="mixed"),
        P("[my area|round mine] is [quiet|calm] and [i'm|im] never scared", polarity="safe"),
        P("[it's|its] not like [it's|its] dangerous or anything [i just|just] get bored", "services_support", "safe"),
    ],
    "places": [
        P("we [just|basically] hang [round|around] {park} [cos|because] there's nowhere else", "services_support"),
        P("{shop} is where everyone goes after school"),
        P("[the underpass|the alley] [by|near] {street} is [well|proper] dodgy", "safety", "unsafe"),
        P("[we|i] [go|went] to {centre} [most weekends|every saturday] but security [kick us out|move us on]"),
        P("{estate} [gets|is] a bad name but [it's|its] alright [really|tbh]", "safety", "safe"),
        P("[i like|i love] {park} in summer [it's|its] [peaceful|nice]"),
        P("[the car park|the bus stop] [behind|near] {shop} is where [stuff|things] happens"),
        P("[we|i] wait at {station} [ages|forever] for the bus home"),
    ],
    "trusted_adults": [
        P("[the youth workers|the staff at the club] actually listen [to us|properly]", "services_support"),
        P("[i've got|ive got] nobody to talk to [really|about stuff]"),
        P("[my nan|my aunty|my grandad] is the only one i trust", "home_family"),
        P("[teachers|adults] don't listen they just [shout|give detentions]", "education"),
        P("{person} from the [club|youth centre] is [safe|sound], [she|he] always [helps|sorts stuff]", "services_support"),
        P("[i'd|id] talk to [miss|sir] at school if something was wrong", "education"),
        P("[need|we need] more adults [who get it|who actually care]"),
    ],
    "peers": [
        P("my mate {person} is [safe|sound|a legend] [we go way back|she always has my back]"),
        P("[there's|theres] a lot of pressure to [act hard|fit in] with [older ones|the older lot]"),
        P("me and {person} fell out over a group chat", "online"),
        P("[my friends|my mates] are the reason [i'm|im] ok", ),
        P("[i|we] hang out with {person} and {person} [mostly|most days]"),
        P("[people|some girls] [spread|started] rumours about me [last year|this year]"),
        P("[i don't|i dont] really have friends [at school|in my year]", "education"),
    ],
    "exploitation": [
        P("[older lads|some older ones] ask [younger kids|year 8s] to [hold stuff|do drops] for them", "peers"),
        P("[someone|a lad] offered me [money|£50|free food] to [take a bag|drop something] [somewhere|to another town]", "safety", "unsafe"),
        P("[girls|some girls] get picked up by [older men|blokes] in [nice cars|cars] [outside|near] {shop}"),
        P("[everyone knows|people know] [who's|whos] running lines [round here|off the estate]"),
        P("[my mate|a friend] [went|got sent] country [and|&] [came back different|never talks about it]", "missing peers"),
        P("[they|older ones] buy you [stuff|trainers|food] then say you owe them"),
    ],
    "online": [
        P("[i'm|im] on {app} [like|basically] [all night|24/7]"),
        P("[random|weird] [men|people] add you on {app} [all the time|constantly]", "safety", "unsafe"),
        P("[someone|a lad] shared [pics|a pic] of [my friend|a girl in my year] on {app}", "peers"),
        P("add me on snap {handle} [lol|if u want]"), P("[my|me] insta is {athandle}"),
        P("[there's|theres] so much drama in the group chats", "peers"),
        P("[i|we] play {app} with [mates|my mates] [that's|thats] [how i chill|what i do]", "peers"),
    ],
    "education": [
        P("[school|college] is [long|boring|stressful] [tbh|honestly]"),
        P("i got excluded [in|in year] [{year}|year 9] and [nobody|no one] asked why"),
        P("[i'm|im] at [the PRU|alternative provision] now and [it's|its] [better|actually ok]"),
        P("[i want|i wanna] go to college [to do|for] [hair|mechanics|music|sport]"),
        P("[teachers|school] [only care|just care] about uniform"),
        P("i [skip|bunk] [maths|lessons] [sometimes|a lot] cos [i'm|im] behind"),
    ],
    "police_justice": [
        P("police [stop|stopped] us [for no reason|all the time] [at|near] {station}", "safety", "unsafe"),
        P("[i|we] don't trust [the feds|police|the police] [at all|tbh]"),
        P("the PCSO [is|was] [alright|sound] [actually|tbh]", "trusted_adults"),
        P("[my brother|my cousin] got arrested [and|&] [now|since then] [everyone|police] [watches|looks at] us"),
        P("[i've|ive] been [stopped and searched|searched] [twice|three times] [this year|already]"),
    ],
    "missing": [
        P("sometimes [i|i just] stay at [a mate's|my mate's] [cos|coz] home is [a lot|too much]", "home_family"),
        P("[i|i've] ran away [once|twice] [last year|in year 8]"),
        P("[my|our] [carers|home] [report|reported] me missing [if|when] [i'm|im] late"),
        P("[i|we] [stay|stayed] out all night [sometimes|in summer]"),
    ],
    "home_family": [
        P("home is [alright|ok] [my mum|mum] tries her best"),
        P("[me and my dad|my stepdad and me] [argue|fight] [all the time|loads]"),
        P("[i|i've] moved [placements|foster homes] [three times|loads]"),
        P("[i|i have to] look after my little [brothers|sister] [after school|a lot]"),
        P("[it's|its] [crowded|cramped] at home so i go out"),
    ],
    "services_support": [
        P("[there's|theres] nothing to do [round here|here] [for people our age|except hang about]"),
        P("[we need|bring back] the youth club [on|open on] [weekends|fridays|saturday nights]"),
        P("CAMHS [waiting list|wait] is [like|literally] [a year|forever]"),
        P("[i love|i like] the [boxing|music|dance] sessions"),
        P("[more|cheaper] [buses|activities] would help [tbh|a lot]"),
        P("[i didn't|didnt] know where to get help [till|until] [the club|a worker] told me", "trusted_adults"),
    ],
    "substances": [
        P("[everyone|literally everyone] vapes at school", "education"),
        P("[people|lads] smoke weed [in|at] {park} [every night|all the time]", "places"),
        P("[i|we] [drink|have a drink] at weekends [sometimes|not loads]"),
        P("[i'm|im] trying to stop vaping [cos|coz] [it's|its] expensive"),
        P("[balloons|nitrous cans] [everywhere|all over] [by|near] {shop}"),
    ],
})

NEUTRAL = [
    P("[that's|thats] it [really|i think]"), P("[idk|dunno] [really|tbh]"), P("[nothing|not much] else to say"),
    P("[i like|i love] [music|drawing|football|my dog]"), P("[it's|its] my birthday in {month}"),
    P("[this survey is long|is this anonymous?] [lol|haha]"), P("[i'm|im] [tired|hungry] [lol|rn]"),
]

WISHES = [
    P("[i wish|wish] there was [somewhere|a place] to go that's [free|warm|not school]", "services_support"),
    P("[more|better] lighting [on|along] {street} [would help|pls]", "safety", "unsafe"),
    P("[we need|i want] someone to talk to who [doesn't|doesnt] judge", "trusted_adults"),
    P("[police|adults] should [actually listen|listen more] [to young people|to us]", "police_justice"),
    P("[just|pls] [open the|bring back] {centre} [later|in the evenings]", "services_support"),
]

DETAILS = [
    P("[my|me] number is {phone} [if u want to follow up|for the prize draw]"),
    P("[email me|my email is] {email}"), P("[i live|i'm|im] [at|on] {address}"), P("[i live near|my postcode is] {postcode}"),
    P("[my|me] [dob|birthday] is {dob}"), P("[i'm|im] {person} [from|in] {year}"), P("[snap|sc]: {handle}"),
    P("{person}'s [mum|brother] [drives|has] {vreg}"), P("[my|me] school is {school}"),
    P("[message|text] {person} on {phone}"), P("{person} and {person} said the same"),
]

CLOSERS = [
    P("[thanks|thx|ty] [for asking|for listening]"), P("[bye|peace out|laters]"), P("[hope this helps|hope that helps]"),
    P("[please|pls] actually do something [this time|with this]"), P("[that's|thats] all"),
]
