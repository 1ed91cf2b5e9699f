"""Top-level URL map: wires the apps together."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from api.v1 import api as api_v1
from config import views
from forum.sitemaps import SITEMAPS

# Staff sign in through the site's sign-in page, behind its rate limits, not a second form without any.
admin.site.login = secure_admin_login(admin.site.login)

# A database that cannot answer is a 503 wherever it fails, middleware included.
handler500 = views.server_error

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The site's rules, linked from every app's pages.
    path("guidelines/", views.guidelines, name="guidelines"),
    path("metrics", views.metrics, name="metrics"),
    path("live/counts/", views.live_counts, name="live_counts"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("appeals/", include("moderation.appeal_urls")),
    path("api/v1/", api_v1.urls),
    path("api/", include("api.urls")),
    path("", include("forum.urls")),
]
