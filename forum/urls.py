from django.urls import path

from forum import feeds, views

app_name = "forum"

urlpatterns = [
    path("", views.home, name="home"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("search/", views.search, name="search"),
    path("feeds/articles/", feeds.NewestArticles(), name="articles_rss"),
    path("feeds/articles/atom/", feeds.atom(feeds.NewestArticles)(), name="articles_atom"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="category_rss"),
    path("topics/<slug:slug>/feed/atom/", feeds.atom(feeds.TopicFeed)(), name="category_atom"),
    path("articles/<slug:slug>/comments/feed/", feeds.ThreadComments(), name="article_comments_rss"),
    path("articles/<slug:slug>/comments/feed/atom/", feeds.atom(feeds.ThreadComments)(),
         name="article_comments_atom"),
    path("discussions/<slug:slug>/comments/feed/", feeds.DiscussionComments(), name="discussion_comments_rss"),
    path("discussions/<slug:slug>/comments/feed/atom/", feeds.atom(feeds.DiscussionComments)(),
         name="discussion_comments_atom"),
    path("topics/<slug:slug>/", views.category, name="category"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("articles/<slug:slug>/page/<int:page>/", views.article, name="article_page"),
    path("articles/<slug:slug>/comments/<int:number>/", views.comment_permalink, name="article_comment"),
    path("articles/<slug:slug>/comments/", views.add_comment, name="add_comment"),
    path("discussions/<slug:slug>/", views.article, {"kind": "discussion"}, name="discussion"),
    path("discussions/<slug:slug>/page/<int:page>/", views.article, {"kind": "discussion"}, name="discussion_page"),
    path("discussions/<slug:slug>/comments/<int:number>/", views.comment_permalink, {"kind": "discussion"},
         name="discussion_comment"),
    path("discussions/<slug:slug>/comments/", views.add_comment, {"kind": "discussion"},
         name="add_discussion_comment"),
    path("discussions/<slug:slug>/follow/", views.follow, {"kind": "discussion"}, name="follow_discussion"),
    path("topics/<slug:slug>/discussions/new/", views.new_discussion, name="new_discussion"),
    path("comments/check/", views.check_draft, name="check_draft"),
    path("comments/<int:pk>/edit/", views.edit_comment, name="edit_comment"),
    path("comments/<int:pk>/delete/", views.delete_comment, name="delete_comment"),
    path("comments/<int:pk>/report/", views.report_comment, name="report_comment"),
    path("articles/<slug:slug>/follow/", views.follow, name="follow"),
    path("members/<int:pk>/", views.member, name="member"),
    path("accounts/data/", views.my_data, name="my_data"),
    path("accounts/delete/", views.delete_account, name="delete_account"),
]
