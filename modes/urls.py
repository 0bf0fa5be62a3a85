from django.urls import path

from . import views

app_name = "modes"
urlpatterns = [
    path("modes/", views.ModeListView.as_view(), name="mode_list"),
    path("modes/<slug:slug>/", views.ModeDetailView.as_view(), name="mode_detail"),
    path("modes/<slug:slug>/side-by-side/", views.ModeSideBySideView.as_view(), name="mode_side_by_side"),
    path("companies/", views.CompanyListView.as_view(), name="company_list"),
    path("companies/<slug:slug>/", views.CompanyDetailView.as_view(), name="company_detail"),
    path("companies/<slug:slug>/side-by-side/", views.CompanySideBySideView.as_view(), name="company_side_by_side"),
]
