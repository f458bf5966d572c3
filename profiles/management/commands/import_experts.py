from profiles.management.base import ImportCommand


class Command(ImportCommand):
    kind = "experts"
    help = (
        "Import experts from CSV or XLSX (name,title,institution,department,fields,"
        "research_summary,email,phone), upserting by email. Prints one JSON line of counts; "
        "exit code 0 all rows accepted, 1 some rejected, 2 file unreadable."
    )
