from django.urls import path

from scorecard.web.collection import round_views, views, word_views

urlpatterns = [
    path("updates/", views.my_updates, name="my-updates"),
    path("returns/<int:pk>/", views.return_form, name="return"),
    path("approvals/", views.approvals, name="approvals"),
    path("actions/<str:code>/progress/", views.action_progress, name="action-progress"),
    path("returns/<int:pk>/decision/", views.decide, name="decide"),
    path("completion/", views.completion_page, name="completion"),
    path("themes/<slug:key>/words/", word_views.theme_words, name="theme-words"),
    path("report/introduction/", word_views.introduction, name="introduction"),
    path("completion/open/", round_views.open_round, name="open-quarter"),
    path("completion/sign-off/", round_views.sign_off, name="sign-off"),
    path("completion/reopen/", round_views.reopen, name="reopen"),
    path("completion/remind/", round_views.remind, name="remind"),
    path("publish/", views.publish_quarter, name="publish"),
    path("publish/<str:result_id>/", views.publishing, name="publishing"),
]
