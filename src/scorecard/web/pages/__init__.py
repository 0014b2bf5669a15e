"""The web pages: dashboards, themes, measures and actions for signed-in users, and the public
pages of published reports. Views are thin; what they read is in `reading` and `public`."""
