from django.urls import path

from . import views

urlpatterns = [
    path("portfolio/", views.portfolio, name="portfolio"),
    path("portfolio.csv", views.portfolio_csv, name="portfolio-csv"),
    path("projects/<id:project_id>/impact/", views.impact_report, name="impact-report"),
    path("projects/<id:project_id>/impact.zip", views.impact_report_csv, name="impact-report-csv"),
]
