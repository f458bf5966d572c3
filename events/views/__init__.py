"""Event pages: `public` (lists, detail, series), and one module per organizer concern."""
