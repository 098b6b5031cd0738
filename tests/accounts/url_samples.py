SAMPLES = {
    "accounts:user_edit": lambda ctx: {"pk": ctx.school_admin_a.pk},
    "accounts:user_history": lambda ctx: {"pk": ctx.school_admin_a.pk},
    "accounts:two_factor_reset": lambda ctx: {"pk": ctx.school_admin_a.pk},
}
