"""The pygame front end. Only this package imports pygame; it reads engine results and calls the engine."""
