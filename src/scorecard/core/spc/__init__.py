"""Statistical process control: XmR charts as NHS England's Making Data Count describes them.

`settings` holds the choices where the reference implementations differ, `limits` the centre
line and process limits of one section, `rules` the four special-cause tests and `chart`
puts them together into classified points and the variation and assurance icons.
"""
