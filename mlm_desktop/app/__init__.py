"""The Qt application: the window, its controllers, settings and the model worker."""
