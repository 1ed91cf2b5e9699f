"""What every app shares and that knows no app (STYLE.md): it imports none of them."""
