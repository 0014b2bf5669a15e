"""Failed sign-ins, kept in the database so every app server counts the same failures."""

from __future__ import annotations

from django.db import models


class SignInFailure(models.Model):
    """One failed attempt to sign in: the name tried and the address it came from."""

    username = models.CharField(max_length=150)
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = (
            models.Index(fields=["username", "at"], name="accounts_failure_username"),
            models.Index(fields=["address", "at"], name="accounts_failure_address"),
        )

    def __str__(self) -> str:
        return f"{self.username} from {self.address} at {self.at:%Y-%m-%d %H:%M}"
