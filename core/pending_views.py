from django.shortcuts import get_object_or_404

from accounts.access import ANY_SIGNED_IN, access

from .models import PendingUpload
from .uploads import serve_file


@access(ANY_SIGNED_IN)
def pending_upload(request, pk):
    """A kept file (core.pending_uploads), to its own user only: anyone else gets 404."""
    row = get_object_or_404(PendingUpload, pk=pk, user=request.user)
    return serve_file(row.file, download_name=row.original_name)
