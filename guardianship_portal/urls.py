"""Every page lives under /kk/ or /ru/; only machine endpoints sit outside."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _

from guardianship_portal.core import views as core_views

# The admin is the portal's own, in kk and ru (Django's default says "Django
# administration", which its kk catalogue transliterates).
admin.site.site_header = _("Guardianship portal: administration")
admin.site.site_title = _("Guardianship portal")
admin.site.index_title = _("Administration")

handler400 = "guardianship_portal.core.views.bad_request"
handler403 = "guardianship_portal.core.views.forbidden"
handler404 = "guardianship_portal.core.views.not_found"
handler500 = "guardianship_portal.core.views.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", core_views.root, name="root"),
    path("healthz", core_views.healthz, name="healthz"),
    # Browsers and tools ask for it whatever the page links: the portal's icon, not a 404.
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/setlang/", core_views.switch_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", include("guardianship_portal.core.urls")),
    path("accounts/", include("guardianship_portal.accounts.urls")),
    path("services/", include("applications.catalogue_urls")),
    path("cabinet/", include("applications.urls")),
    path("office/", include("applications.office_urls")),
    path("verify/", include("documents.urls")),
    path("supervision/", include("supervision.urls")),
    path("complaints/", include("complaints.urls")),
    path("payments/", include("payments.urls")),  # issue #15
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
