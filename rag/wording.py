"""Phrases the CLI, the chat and the copied text all show, kept in one place (and import-free,
so the chat does not load the answer step to say them)."""

# How a guess (``ShortAnswer.sure`` false) is introduced wherever it is shown.
GUESS_LEAD = "Có thể là"
GUESS_NOTE = "chưa chắc chắn, vui lòng đối chiếu đoạn trích"
