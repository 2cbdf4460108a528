"""The `roadside` command line: run, chat, dispatch, export, erase, agents."""
