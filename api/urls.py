from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("tokens/", views.member_tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("embed/", views.embed_thread, name="embed"),
    path("embed/open/", views.embed_open, name="embed_open"),
    path("embed/sign-in/", views.embed_sign_in, name="embed_sign_in"),
    path("dev/publisher/", views.demo_publisher, name="demo_publisher"),
]
