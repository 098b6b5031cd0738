from core.models import ExportJob, ImportJob


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
        created_by=ctx.school_admin_a,
    )
    return {"pk": job.pk}


SAMPLES = {"core:import_job": _job, "core:export_job": _export, "core:export_download": _export}
