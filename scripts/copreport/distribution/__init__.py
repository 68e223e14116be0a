"""Distribution: the distribution list, a package of draft e-mails per session,
and sending them once through the user's SMTP server, with a log."""
