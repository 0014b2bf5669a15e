from django.urls import path

from scorecard.web.collection import views

urlpatterns = [
    path("updates/", views.my_updates, name="my-updates"),
    path("returns/<int:pk>/", views.return_form, name="return"),
    path("approvals/", views.approvals, name="approvals"),
    path("actions/<str:code>/progress/", views.action_progress, name="action-progress"),
    path("returns/<int:pk>/decision/", views.decide, name="decide"),
    path("completion/", views.completion_page, name="completion"),
    path("themes/<slug:key>/words/", views.theme_words, name="theme-words"),
    path("completion/open/", views.open_next_quarter, name="open-quarter"),
    path("publish/", views.publish_quarter, name="publish"),
    path("publish/<str:result_id>/", views.publishing, name="publishing"),
]
