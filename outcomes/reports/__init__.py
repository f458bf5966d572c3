"""The monthly report (content.py) and its two layouts: PDF (pdf.py) and XLSX (xlsx.py)."""
