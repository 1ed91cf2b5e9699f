from django.urls import path

from forum import views

app_name = "forum"

urlpatterns = [
    path("", views.home, name="home"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("search/", views.search, name="search"),
    path("topics/<slug:slug>/", views.category, name="category"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("articles/<slug:slug>/comments/", views.add_comment, name="add_comment"),
    path("discussions/<slug:slug>/", views.article, {"kind": "discussion"}, name="discussion"),
    path("discussions/<slug:slug>/comments/", views.add_comment, {"kind": "discussion"},
         name="add_discussion_comment"),
    path("discussions/<slug:slug>/follow/", views.follow, {"kind": "discussion"}, name="follow_discussion"),
    path("topics/<slug:slug>/discussions/new/", views.new_discussion, name="new_discussion"),
    path("comments/<int:pk>/edit/", views.edit_comment, name="edit_comment"),
    path("comments/<int:pk>/delete/", views.delete_comment, name="delete_comment"),
    path("comments/<int:pk>/report/", views.report_comment, name="report_comment"),
    path("articles/<slug:slug>/follow/", views.follow, name="follow"),
    path("members/<int:pk>/", views.member, name="member"),
    path("accounts/data/", views.my_data, name="my_data"),
    path("accounts/delete/", views.delete_account, name="delete_account"),
]
