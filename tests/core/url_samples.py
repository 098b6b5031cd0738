from core.models import ExportJob, ImportJob
from core.tasks import export_path
from tests.matrix import CREATOR, Sample


def _job(ctx):
    job = ImportJob.objects.create(
        title="导入机构名录",
        resource_path="directory.resources.OrganizationResource",
        filename="a.xlsx",
        stash="x.xlsx",
        done_url="/directory/",
        created_by=ctx.school_admin_a,
    )
    return {"pk": job.pk}


def _export(ctx):
    job = ExportJob.objects.create(
        label="普法活动",
        table_path="legalaid.views.activities.activity_table",
        status=ExportJob.Status.DONE,
        file_name="sample-export.xlsx",
        created_by=ctx.school_admin_a,
    )
    path = export_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK")  # the finished file the worker wrote
    return {"pk": job.pk}


# A job is its requester's: nobody else follows its progress or downloads its file.
SAMPLES = {
    "core:import_job": Sample(_job, sees=CREATOR),
    "core:export_job": Sample(_export, sees=CREATOR),
    "core:export_download": Sample(_export, sees=CREATOR),
}


def _pending(ctx):
    from django.core.files.base import ContentFile

    from core.models import PendingUpload
    from tests.inspections.factories import PNG

    row = PendingUpload.objects.create(
        user=ctx.school_admin_a,
        page="/inspections/selfchecks/new/",
        field_name="attachments",
        file=ContentFile(PNG, name="p.png"),
        original_name="自查照片.png",
        size=len(PNG),
    )
    return {"pk": row.pk}


# A file kept from an unsaved form is its user's alone (core.pending_uploads).
SAMPLES["core:pending_upload"] = Sample(_pending, sees=CREATOR)
