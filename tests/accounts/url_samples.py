from tests.matrix import ANYONE, Sample, action

SAMPLES = {
    # The administrators' pages about an account: any account, for every administrator the rule lets in.
    "accounts:user_edit": Sample(lambda ctx: {"pk": ctx.school_admin_a.pk}, sees=ANYONE),
    "accounts:user_history": Sample(lambda ctx: {"pk": ctx.school_admin_a.pk}, sees=ANYONE),
    "accounts:two_factor_reset": action(lambda ctx: {"pk": ctx.school_admin_a.pk}, sees=ANYONE),
    # Buttons without arguments that act on POST.
    "accounts:two_factor_codes": action(lambda ctx: {}, sees=ANYONE),
    "accounts:two_factor_disable": action(lambda ctx: {}, sees=ANYONE),
    "accounts:unlock": action(lambda ctx: {}, sees=ANYONE),
}
