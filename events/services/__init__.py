"""Event writes, one module per concern (events and agendas, registrations, check-in, …)."""
