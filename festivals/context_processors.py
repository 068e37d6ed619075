from .time_zones import chosen_zone


def time_zone(request) -> dict:
    """The zone the visitor chose to see screening times in as well (views.time_zone)."""
    return {"your_zone": chosen_zone(request)}
