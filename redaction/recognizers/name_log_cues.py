"""Names as minutes, logs, referrals, letters and phone exports give them: initials by an agency or an action
("JT (CSC)", "Action: AB to complete"), a log's signing initials ("Pete aware. MH"), a form's person field
("Driver: Mick Dolan"), a contact's saved name ("(saved 'Shiv')"), aliases ("also known as 'NB'").

Rule data only; NameContextRecognizer runs these after its own rules and its refine() judges every capture.
"""
from __future__ import annotations

from redaction.recognizers.base import Rule
from redaction.recognizers.name_patterns import BRACKETED_BY, CAP, NAME, ROLE_ACRONYMS

LOG_CUE_RULES: tuple[Rule, ...] = (
    Rule(  # "Driver: Mick Dolan 30445", "Caller: Sandeep, cashier", "Chair: DI Fenwick": a form's person field
        "person field + name",
        r"\b(?:driver|caller|cashier|receptionist|chair|landlord|landlady|solicitor|escort|reporting\s+person)"
        r"[ \t]*:[ \t]*(?P<n>" + NAME + ")",
        0.9, "n", needs=(":",),
    ),
    Rule(  # "... ext 2217. Taken by KB 11:10.", "he's on 07931 228 604. KB 15:15": a log's writer and the time
        "initials + time at the end",
        r"(?P<n>(?-i:[A-Z]{2,3}))[ \t]+\d{1,2}[:.]\d{2}[ \t]*\.?\s*\Z",
        0.9, "n", flags=0, before=r"(?:[.!?)][ \t]+|\n[ \t]*|\bby[ \t]+|^)$",
    ),
    Rule(  # "Staff on: RP, AM, Leon (sessional).", "Staff: JT, MH, Pete."
        "staff list initials",
        r"(?<![\w'’])(?P<n>(?-i:[A-Z]{2,3}))(?![\w'’])",
        0.9, "n", flags=0, needs=("staff",),
        before=r"\bstaff(?:[ \t]+on(?:[ \t]+(?:shift|duty))?)?[ \t]*:[ \t]*(?:[A-Z][A-Za-z'’-]{0,15}(?:[ \t]*\([^)\n]{0,20}\))?"
               r"[ \t]*(?:,|&|and)[ \t]*){0,8}$",
    ),
    Rule(  # "Florin (surname Stoica)": the given name before a bracket that gives the surname
        "name + (surname ...)",
        r"(?P<n>" + CAP + r")[ \t]*\([ \t]*(?:surname|family[ \t]+name|last[ \t]+name)\b",
        0.9, "n", needs=("surname", "family name", "last name"),
    ),
    Rule(  # "During session P mentioned dad", "Asked L who she'd go to": a young person by one letter, then a verb
        "letter + person's verb",
        r"(?:(?<=\b(?i:session)[ \t])|(?<=\b(?i:asked)[ \t])|(?<=\b(?i:told)[ \t])|(?<=^)|(?<=[.!?:\n][ \t])|(?<=\n)|(?<=[-–][ \t]))"
        r"(?P<n>(?-i:[B-HJ-Z]))(?=[ \t]+(?:disclosed|mentioned|said|says|told|asked|came|went|wants|wanted|feels|felt"
        r"|seemed|seems|arrived|left|agreed|refused|reported|explained|shared|cried|laughed|who|and[ \t]+(?:his|her|their)"
        r"[ \t]+(?:cousin|mate|mates|friend|friends|brother|sister|mum|dad))\b)",
        0.9, "n", flags=0,
    ),
    Rule(  # "agreed with PS Morrow 2290": a police sergeant (not "PS Please call"), by a collar number or a name no
           # dictionary holds
        "PS + surname",
        r"\b(?P<n>(?-i:PS)[ \t]+(?:\d{3,5}[ \t]+(?-i:[A-Z]{2,}|[A-Z][a-z'’-]+)|(?-i:[A-Z][a-z'’-]+)))(?=[ \t]+\d{3,5}\b|(?![ \t]+\d))",
        0.9, "n", flags=0, needs=("ps ",),
    ),
    Rule(  # "From Tyler (T)", "Kayden Moore (KD)": the letters a note will use for the name before them
        "given name (letters)", r"\b(?-i:[A-Z][a-z]+)[ \t]+\((?P<n>(?-i:[A-HJ-Z]{1,3}))\)", 0.9, "n", needs=("(",),
    ),
    Rule("title + initial", r"\b(?P<n>(?-i:Mrs|Mr|Ms|Miss|Dr)\.?[ \t]+(?-i:[A-HJ-Z]))(?![\w'’&-]|\.\w)", 0.9, "n",
         needs=("mr", "ms", "miss", "dr")),  # "Miss A kept calm": a teacher by her initial,
    Rule(  # "hi its jade.", "dear miss its precious again": a message's writer says who she is
        "greeting + it's X",
        r"\b(?:hi|hiya|hey|heya|hello|yo|dear[ \t]+(?:miss|sir|[a-z]+))[,!]?[ \t]+(?:it'?s|its|it’s|this[ \t]+is)[ \t]+"
        r"(?P<n>[A-Za-z][a-z'’-]+)\b"
        # "i hope u get this. its Mo.", "its precious again": a name closing the sentence that says who writes
        r"|(?:^|(?<=[.!?][ \t])|(?<=\n))(?:it'?s|its|it’s)[ \t]+(?!(?i:summer|spring|autumn|winter)\b)(?P<m>[A-Za-z][a-z'’-]+)(?=[ \t]*(?:[.!,]|$)|[ \t]+(?:again|here)\b)",
        0.9, "n", needs=("its", "it's", "it’s", "this is"), fallback="m",
    ),
    Rule(  # "07700 900 283 (saved 'Shiv')", "07700 900 118 ('Cuz')": the name a phone's contact is saved under
        "phone number + ('contact')",
        r"\d{3}[ \t]*\([ \t]*(?:saved[ \t]+(?:as[ \t]+)?)?['‘\"“](?P<n>[A-Za-z][\w'’.-]*(?:[ \t]+[A-Za-z][\w'’.-]*)?)['’\"”][ \t]*\)",
        0.9, "n", needs=("('", "(‘", '("', "(“", "saved"),
    ),
    Rule(  # "JT (CSC) reported", "RG (YJS)", "LB (Education Inclusion)": minutes name attendees by initials and agency
        "initials + (agency)",
        r"(?<![\w.])(?P<n>(?-i:[A-Z]{2,3}))[ \t]*\((?-i:CSC|SW|SSW|YJS|YOT|YJ|DSL|EH|ISW|IRO|PA|FSW|TA|HV|SN|GP|BTP|Police"
        r"|Health|Education(?:[ \t]+[A-Z][a-z]+)?|Early[ \t]+Help|CAMHS|School(?:[ \t]+Nurse)?|Social[ \t]+Care|Housing"
        r"|Youth[ \t]+(?:Justice|Service|Work)|Chair)\)",
        0.9, "n", needs=("(",),  # above the NER's 0.85: its equal bare guess would be filtered
    ),
    Rule(  # "(school nurse, JR) raised concern": a role, then the initials of the person in it
        "(role, initials)",
        r"\((?:" + BRACKETED_BY + r"|school[ \t]+nurse|chair)[ \t]*,[ \t]*(?P<n>(?-i:[A-Z]{2,3}))\)",
        0.9, "n", needs=("(",),
    ),
    Rule(  # "From: Lorraine" heading an email: who wrote it (an English word too only if a census first name)
        "email header name",
        r"(?:^|\n)[ \t]*(?:from|to|cc)[ \t]*:[ \t]*(?P<n>(?-i:[A-Z][a-z]+(?:[ \t]+[A-Z][a-z'’-]+)?))[ \t]*(?=\n|\Z|<)",
        0.9, "n", needs=("from:", "to:", "cc:"),
    ),
    Rule(  # "Action: AB to complete direct work", "Action: RG (YJS) to complete NRMs": who an action falls to
        "action + initials",
        r"\baction[ \t]*:[ \t]*(?P<n>(?!" + ROLE_ACRONYMS + r"\b)(?-i:[A-Z]{2,3}))(?:[ \t]*\([^)\n]{1,30}\))?[ \t]+to[ \t]+[a-z]",
        0.9, "n", needs=("action",),
    ),
    Rule(  # "Written up word for word, signed DP / PS."
        "signed + initials",
        r"\bsigned[ \t]*:?[ \t]*(?P<n>(?-i:[A-Z]{2,3}(?:[ \t]*/[ \t]*[A-Z]{2,3})*))(?![\w'’])",
        0.9, "n", needs=("signed",),
    ),
    Rule(  # "- 'Dibs' now identified as Darren Ibbotson": a nickname the note later names
        "quoted nickname + identified as",
        r"['‘\"“](?P<n>(?-i:[A-Z][\w'’-]{1,20}))['’\"”][ \t]+\(?(?:(?:now|since|later|has[ \t]+been|was|since[ \t]+been)[ \t]+)?"
        r"(?:(?:identified|named)[ \t]+as|believed[ \t]+to[ \t]+be|real[ \t]+name)\b",
        0.9, "n", needs=("identified as", "named as", "believed to be", "real name"),
    ),
)
