from django import forms, template

from core import pending_uploads

register = template.Library()


@register.inclusion_tag("core/includes/pending_uploads.html", takes_context=True)
def pending_uploads_of(context, field):
    """The kept files of a file field (core.pending_uploads), each with a 移除 checkbox."""
    request = context.get("request")
    rows = []
    if request is not None and isinstance(field.field, forms.FileField):
        rows = pending_uploads.for_field(request, field.html_name)
    return {"rows": rows, "field": field, "FIELD": pending_uploads.FIELD, "REMOVE": pending_uploads.REMOVE}
