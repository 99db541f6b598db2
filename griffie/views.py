from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from people.roles import is_griffie


@login_required
def home_after_login(request):
    """Send each role to its own start page after logging in."""
    if is_griffie(request.user):
        return redirect("documents:inbox")
    return redirect("confidentiality:index")
