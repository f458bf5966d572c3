from profiles.management.base import ImportCommand


class Command(ImportCommand):
    kind = "needs"
    help = (
        "Import company needs from CSV or XLSX (company,industry,district,title,description,"
        "category,tags,urgency), upserting by company name and title. Prints one JSON line of "
        "counts; exit code 0 all rows accepted, 1 some rejected, 2 file unreadable."
    )
