from django.urls import path, register_converter

from forum import feeds, views
from forum.slugs import SlugConverter

register_converter(SlugConverter, "uslug")

app_name = "forum"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("feeds/articles/", feeds.NewestArticles(), name="articles_rss"),
    path("feeds/articles/atom/", feeds.atom(feeds.NewestArticles)(), name="articles_atom"),
    path("topics/<uslug:slug>/feed/", feeds.TopicFeed(), name="category_rss"),
    path("topics/<uslug:slug>/feed/atom/", feeds.atom(feeds.TopicFeed)(), name="category_atom"),
    path("articles/<uslug:slug>/comments/feed/", feeds.ThreadComments(), name="article_comments_rss"),
    path("articles/<uslug:slug>/comments/feed/atom/", feeds.atom(feeds.ThreadComments)(),
         name="article_comments_atom"),
    path("discussions/<uslug:slug>/comments/feed/", feeds.DiscussionComments(), name="discussion_comments_rss"),
    path("discussions/<uslug:slug>/comments/feed/atom/", feeds.atom(feeds.DiscussionComments)(),
         name="discussion_comments_atom"),
    path("topics/<uslug:slug>/", views.category, name="category"),
    path("articles/<uslug:slug>/", views.article, name="article"),
    path("articles/<uslug:slug>/page/<int:page>/", views.article, name="article_page"),
    path("articles/<uslug:slug>/comments/<int:number>/", views.comment_permalink, name="article_comment"),
    path("articles/<uslug:slug>/comments/", views.add_comment, name="add_comment"),
    path("articles/<uslug:slug>/comments/live/", views.thread_live, name="article_live"),
    path("discussions/<uslug:slug>/", views.article, {"kind": "discussion"}, name="discussion"),
    path("discussions/<uslug:slug>/page/<int:page>/", views.article, {"kind": "discussion"}, name="discussion_page"),
    path("discussions/<uslug:slug>/comments/<int:number>/", views.comment_permalink, {"kind": "discussion"},
         name="discussion_comment"),
    path("discussions/<uslug:slug>/comments/", views.add_comment, {"kind": "discussion"},
         name="add_discussion_comment"),
    path("discussions/<uslug:slug>/comments/live/", views.thread_live, {"kind": "discussion"},
         name="discussion_live"),
    path("discussions/<uslug:slug>/follow/", views.follow, {"kind": "discussion"}, name="follow_discussion"),
    path("topics/<uslug:slug>/discussions/new/", views.new_discussion, name="new_discussion"),
    path("comments/check/", views.check_draft, name="check_draft"),
    path("comments/<int:pk>/edit/", views.edit_comment, name="edit_comment"),
    path("comments/<int:pk>/delete/", views.delete_comment, name="delete_comment"),
    path("comments/<int:pk>/report/", views.report_comment, name="report_comment"),
    path("comments/<int:pk>/helped/", views.helped_comment, name="helped_comment"),
    path("articles/<uslug:slug>/follow/", views.follow, name="follow"),
    path("members/<int:pk>/", views.member, name="member"),
    path("accounts/data/", views.my_data, name="my_data"),
    path("accounts/delete/", views.delete_account, name="delete_account"),
]
