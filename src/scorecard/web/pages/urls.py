from django.urls import path

from scorecard.web.pages import downloads, public_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("themes/<slug:key>/", views.theme_page, name="theme"),
    path("measures/", views.measures, name="measures"),
    path("measures/<str:code>/", views.measure, name="measure"),
    path("measures/<str:code>/changes/", views.measure_changes, name="measure-changes"),
    path("measures/<str:code>/history.pdf", downloads.history_pdf, name="measure-history-pdf"),
    path("measures/<str:code>/history.docx", downloads.history_word, name="measure-history-word"),
    path("actions/<str:code>/", views.action, name="action"),
    path("public/<slug:slug>/", public_views.organisation, name="public-organisation"),
    path("public/<slug:slug>/reports/<int:publication_id>/", public_views.report, name="public-report"),
    path(
        "public/<slug:slug>/reports/<int:publication_id>/<slug:document>.pdf",
        public_views.printed,
        name="public-report-printed",
    ),
    path("public/<slug:slug>/measures/", public_views.measures, name="public-measures"),
    path("public/<slug:slug>/measures/<str:code>/", public_views.measure, name="public-measure"),
]
