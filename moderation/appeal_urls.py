"""Members' side of appeals: the decisions about them, and an appeal against one."""

from django.urls import path

from moderation import views

app_name = "appeals"

urlpatterns = [
    path("", views.my_decisions, name="mine"),
    path("case/<int:pk>/", views.appeal_case, name="case"),
    path("suspension/<int:pk>/", views.appeal_suspension, name="suspension"),
]
