from django.urls import path

from . import views

app_name = "glossary"
urlpatterns = [
    path("glossary/", views.TermListView.as_view(), name="term_list"),
    path("glossary/<slug:slug>/", views.TermDetailView.as_view(), name="term_detail"),
    path("glossary/<slug:slug>/side-by-side/", views.TermSideBySideView.as_view(), name="term_side_by_side"),
]
