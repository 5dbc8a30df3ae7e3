"""The app's words: encouragement, headlines, the help text. Short sentences for a 10-year-old."""

from __future__ import annotations

ENCOURAGEMENT = [
    "Every error is a clue.",
    "Try, try and try again: every run is progress.",
    "Small changes make a big difference.",
    "It's just one small thing. You are so close!",
    "Errors are normal. Real programmers get them all day.",
    "Look closely: the clue is in what happened.",
]

HABITS = [
    ("Check the instructions", "Compare what your program does with what the task asked for."),
    ("Try, try and try again", "Errors are normal. Every run is progress."),
    ("Small changes make a big difference", "It's often just one small thing. You are so close."),
    ("Say it out loud", "Explain your code line by line to the duck (or to a grown-up)."),
]

# After this many tries in a row on the same problem, suggest talking to the duck.
DUCK_AFTER_TRIES = 3


def encouragement(tries: int) -> str:
    """A kind line that changes as the tries go up (same tries, same words: predictable)."""
    if tries <= 0:
        return "Press Run (F5) to try your program."
    return ENCOURAGEMENT[(tries - 1) % len(ENCOURAGEMENT)]


def tries_text(tries: int) -> str:
    if tries <= 0:
        return "No tries yet"
    return "1 try" if tries == 1 else f"{tries} tries"


OUTCOME_HEADLINES = {
    "ok": "Your program ran to the end.",
    "error": "Python stopped your program.",
    "timeout": "Your program kept going and going, so it was stopped.",
    "wrong-output": "Your program ran, but it printed something different.",
    "killed": "Your program was stopped.",
    "exit": "Your program stopped early.",
    "stopped": "You stopped your program.",
}


def outcome_headline(outcome: str, limit: str | None = None) -> str:
    if outcome == "killed" and limit == "stopped":
        return OUTCOME_HEADLINES["stopped"]
    if outcome == "killed" and limit == "memory":
        return "Your program used too much memory, so it was stopped."
    if outcome == "killed" and limit == "output":
        return "Your program printed too much, so it was stopped."
    return OUTCOME_HEADLINES.get(outcome, "Your program finished.")


KEYS = [
    ("F5", "Run your program"),
    ("F6 or Ctrl+C", "Stop your program"),
    ("Ctrl+G", "Give me a clue"),
    ("Ctrl+D", "Talk to the duck"),
    ("F7", "What Python said, in its own words"),
    ("Ctrl+S", "Save now"),
    ("Ctrl+B", "Go back"),
    ("N", "Make my own program (in the list of exercises)"),
    ("F2", "Grown-ups (report and settings)"),
    ("Ctrl+T", "Light or dark colours"),
    ("F1", "This help"),
    ("Ctrl+Q", "Quit"),
]

EDITOR_KEYS = ("In the editor: Ctrl+Z undoes, Ctrl+Y redoes, Tab pushes a line in, Shift+Tab pulls it "
               "back. Escape leaves the editor, so Tab can reach the buttons; Escape again comes back.")
MOUSE = "You can also click every button with the mouse."
SAVING = "Your code is saved as you type, every time you run it, and when you quit."
