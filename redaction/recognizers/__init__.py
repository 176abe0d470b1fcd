"""Custom recognizers, one per file; registry.py instantiates them from config."""
from redaction.recognizers.bank_details import BankDetailsRecognizer
from redaction.recognizers.name_census import CensusNameRecognizer
from redaction.recognizers.date_of_birth import DateOfBirthRecognizer
from redaction.recognizers.email_address import EmailAddressRecognizer
from redaction.recognizers.email_spelled import SpelledEmailRecognizer
from redaction.recognizers.name_context import NameContextRecognizer
from redaction.recognizers.name_gazetteer import NameGazetteerRecognizer
from redaction.recognizers.name_initials import NameInitialsRecognizer
from redaction.recognizers.name_lowercase import NameLowercaseRecognizer
from redaction.recognizers.name_speaker import SpeakerLabelRecognizer
from redaction.recognizers.nhs_number import NhsNumberContextRecognizer
from redaction.recognizers.partial_plate import PartialPlateRecognizer
from redaction.recognizers.partial_postcode import PartialPostcodeRecognizer
from redaction.recognizers.reference_number import ReferenceNumberRecognizer
from redaction.recognizers.school import SchoolRecognizer
from redaction.recognizers.school_context import SchoolContextRecognizer
from redaction.recognizers.social_handle import SocialHandleRecognizer
from redaction.recognizers.spoken import SpokenIdentifierRecognizer
from redaction.recognizers.street_address import StreetAddressRecognizer
from redaction.recognizers.uk_phone import UkPhoneRecognizer

__all__ = [
    "BankDetailsRecognizer",
    "CensusNameRecognizer",
    "DateOfBirthRecognizer",
    "EmailAddressRecognizer",
    "NameContextRecognizer",
    "NameGazetteerRecognizer",
    "NameInitialsRecognizer",
    "NameLowercaseRecognizer",
    "NhsNumberContextRecognizer",
    "PartialPlateRecognizer",
    "PartialPostcodeRecognizer",
    "ReferenceNumberRecognizer",
    "SchoolContextRecognizer",
    "SchoolRecognizer",
    "SocialHandleRecognizer",
    "SpeakerLabelRecognizer",
    "SpelledEmailRecognizer",
    "SpokenIdentifierRecognizer",
    "StreetAddressRecognizer",
    "UkPhoneRecognizer",
]
