"""Signing in and who may do what: throttled sign-in, the organisation of each request, and the
permission rules every view declares."""
