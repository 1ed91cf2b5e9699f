"""A mail server the tests can take down and bring back."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    down = False
    answers_lost = 0  # this many sends are taken by the server, whose answer never arrives

    def send_messages(self, messages):
        if FlakyBackend.down:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        sent = super().send_messages(messages)
        if FlakyBackend.answers_lost:
            FlakyBackend.answers_lost -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed after the message was taken")
        return sent
