"""Profiles, progress, the child's saved work and the session log, all under TUTOR_HOME."""

from .guide import guide_text
from .log import SessionLog
from .profiles import (
    ProfileNameError,
    clean_name,
    create_profile,
    current_profile,
    folder_name,
    last_profile,
    list_profiles,
    profile_dir,
    set_last_profile,
)
from .store import ExerciseProgress, ProgressStore
from .work import history, load_work, save_work, start_again, work_path

__all__ = [
    "ExerciseProgress",
    "ProfileNameError",
    "ProgressStore",
    "SessionLog",
    "clean_name",
    "create_profile",
    "current_profile",
    "folder_name",
    "guide_text",
    "last_profile",
    "list_profiles",
    "profile_dir",
    "history",
    "load_work",
    "save_work",
    "set_last_profile",
    "start_again",
    "work_path",
]
