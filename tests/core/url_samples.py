from core.models import ImportJob


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


SAMPLES = {"core:import_job": _job}
