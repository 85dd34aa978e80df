"""The window's link to the core's session and saves folder. No game state lives here: the game in
progress is a `game.session.Session`, kept in its scenario's autosave slot after every input."""

from __future__ import annotations

from game.session import SaveProblem, SaveStore, Session


def store_for(app) -> SaveStore:
    from game.ui import paths

    return SaveStore(paths.saves_dir())


def new_session(app) -> Session:
    """A new game with the window's seed and fate, autosaved from its first moment."""
    session = Session.new(app.engine, seed=app.seed, fate=app.fate, settings=app.view_settings())
    return take_slot(app, session)


def take_slot(app, session: Session) -> Session:
    """Make `session` the game in the autosave slot, and say where the game it replaces was kept (if one was
    played there): the player should not find an unexplained file in Saved games later."""
    app.store.attach(session)
    kept = app.store.kept
    if kept is not None:
        from game.ui.scenes.extras import notify

        notify(app, f"Your previous game is kept in Saved games as '{kept.stem}'.")
    return session


def probe_autosave(app) -> tuple[Session | None, SaveProblem | None]:
    """The scenario's autosave, if any; an unreadable one is kept aside and reported."""
    session, problem = app.store.probe_autosave(app.engine)
    if session is not None:
        session.settings = app.view_settings()
        app.store.attach(session, save_now=False)
    return session, problem
