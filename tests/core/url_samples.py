from core.models import ImportJob
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


# An import job is its uploader's: nobody else follows its progress.
SAMPLES = {"core:import_job": Sample(_job, sees=CREATOR)}
