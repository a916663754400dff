"""Every refused request of a signed-in person leaves a line in the access log."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from applications import selectors


class LogRefusedAccessMiddleware:
    """A page refused to someone's role (an applicant opening the office queue, a clerk
    the supervision dashboard) is logged as a denied attempt, as a refused application
    page is (selectors.log_denied, which also names the application; it is not written
    twice). The answer stays Django's 403 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            selectors.log_denied(user=request.user, pk=None)
        return None  # Django's handler403 answers
