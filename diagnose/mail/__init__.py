"""E-mail to a round's participants: templates with placeholders, the message (multipart text and
HTML, UTF-8, safe headers) and the SMTP connection (NETSCAN_SMTP_URL, NETSCAN_MAIL_FROM).

This package knows nothing of the database: the store's mail queue (diagnose/store/mail_queue.py)
decides what is sent when, and calls `compose.message` and `smtp.Connection` to send it. What is
guaranteed when the sender dies mid-batch is written there and in docs/mail.md.
"""
