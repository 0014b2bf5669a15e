from django.urls import path

from scorecard.web.editing import views

urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/measures/<str:code>/", views.measure, name="edit-measure"),
    path("plan/measures/<str:code>/targets/", views.targets, name="edit-targets"),
    path("plan/returns/<int:pk>/status/", views.override, name="override"),
    path("plan/schemes/", views.schemes, name="schemes"),
    path("plan/schemes/<str:name>/", views.propose_scheme, name="propose-scheme"),
]
