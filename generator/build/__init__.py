"""The build: load -> schema -> model -> validate -> render (pages/) -> write, run in order by `pipeline`."""
