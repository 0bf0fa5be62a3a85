from django.urls import path

from . import views

app_name = "trends"
urlpatterns = [
    path("trends/", views.TrendListView.as_view(), name="trend_list"),
    path("trends/<slug:slug>/", views.TrendDetailView.as_view(), name="trend_detail"),
    path("trends/<slug:slug>/side-by-side/", views.TrendSideBySideView.as_view(), name="trend_side_by_side"),
]
