"""Read models built from every service's events; evidence for drafting the Police and Crime Plan."""
