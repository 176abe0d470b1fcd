"""Pattern fragments the name rules share (name_context.py and name_log_cues.py)."""
from __future__ import annotations

# A capitalised name word, with an O'/Mc-style inner capital or a hyphenated second part ("O'Brien", "Ellie-Mae").
CAP = r"(?-i:[A-Z][A-Za-z]*(?:['’][A-Z][A-Za-z]+)?(?:-[A-Z][a-z]+)?)"
# A name as a cue rule captures it: a word in any case, perhaps a capitalised surname after it, or two capitals ("KT").
NAME = r"(?:[A-Za-z][a-z'’-]*[a-z](?:-(?-i:[A-Z])[a-z]+)?(?:\s+" + CAP + r")?|(?-i:[A-Z]{2})(?![\w.]))"
# Roles and kin a note names in brackets or quotes after them ("Grandad (Ron)", 'coach "Mick"').
BRACKETED_BY = (r"mum|mam|dad|nan|nana|gran|grandad|grandma|grandparents?|parents?|carers?|foster\s+carers?|auntie|aunty"
                 r"|aunt|uncle|brother|sister|cousin|step-?dad|step-?mum|partner|boyfriend|girlfriend|manager|worker"
                 r"|keyworker|key\s+worker|teacher|coach|mentor|nurse|consultant|tutor|HoY\d{0,2}|head\s+of\s+year"
                 r"|dsl|senco|social\s+worker|sw|pcso|officer")
# Roles and ranks written as capitals, never a person's initials ("Action: FSW to contact", "Action: DC to progress").
ROLE_ACRONYMS = (r"(?-i:SW|SSW|DSL|DDSL|SENCO|HOY|YOT|YJS|ISW|IRO|PA|FSW|EHW|SPOC|OIC|FLO|TA|HV|CPN|GP|SN|DC|DS|DI|DCI|PC|PCSO"
                  r"|SGT|CSC|CSE|CCE|MASH|BTP|LA|LADO|ASB|NHS)")
