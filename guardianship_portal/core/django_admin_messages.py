"""Django admin, auth, contenttypes and django-axes messages that their own kk catalogues
leave untranslated (axes has no kk at all). Administrators use the admin in Kazakh too;
listing the msgids here puts them in our catalogue, which Django consults first.
Generated from the installed packages' (complete) ru catalogues, which carry the msgids the
installed code uses; nothing calls this module."""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

ADMIN_MESSAGES = [
    gettext_noop("%(app)s administration"),
    gettext_noop("%(class_name)s %(instance)s"),
    gettext_noop("%(ct_name)s objects don’t have a get_absolute_url() method"),
    gettext_noop("%(name)s object with primary key %(key)r does not exist."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    gettext_noop("Access lock out"),
    gettext_noop(
        "Account locked: too many login attempts. Contact an admin to unlock your account."
    ),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Add link"),
    gettext_noop("Added {name} “{object}”."),
    gettext_noop("Added “%(object)s”."),
    gettext_noop("Added."),
    gettext_noop("Added:"),
    gettext_noop("Addition"),
    gettext_noop("Administration"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Attempt Time"),
    gettext_noop("Authentication and Authorization"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Change or view list link"),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Change:"),
    gettext_noop("Changed {fields} for {name} “{object}”."),
    gettext_noop("Changed {fields}."),
    gettext_noop("Changed “%(object)s” — %(changes)s"),
    gettext_noop("Changed:"),
    gettext_noop("Clear all filters"),
    gettext_noop("Close"),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Content Types"),
    gettext_noop("Content type %(ct_id)s object %(obj_id)s doesn’t exist"),
    gettext_noop("Content type %(ct_id)s object has no associated model"),
    gettext_noop("Currently:"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("Deleted {name} “{object}”."),
    gettext_noop("Deleted “%(object)s.”"),
    gettext_noop("Deleted:"),
    gettext_noop(
        "Deleting %(class_name)s %(instance)s would require deleting the following protected related objects: %(related_objects)s"
    ),
    gettext_noop("Deletion"),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Disabled"),
    gettext_noop("Email"),
    gettext_noop("Email address:"),
    gettext_noop("Empty"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("Enabled"),
    gettext_noop(
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."
    ),
    gettext_noop(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    ),
    gettext_noop("Enter new password"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("Error:"),
    gettext_noop("Failed Logins"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we’ll email instructions for setting a new one."
    ),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Hide counts"),
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_noop("IP Address"),
    gettext_noop(
        "If you don’t receive an email, please make sure you’ve entered the address you registered with, and check your spam folder."
    ),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Invalid password format or unknown hashing algorithm."),
    gettext_noop("LogEntry Object"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Model name"),
    gettext_noop("Models in the %(name)s application"),
    gettext_noop("My actions"),
    gettext_noop("No password set."),
    gettext_noop("No, take me back"),
    gettext_noop("Not empty"),
    gettext_noop("Objects"),
    gettext_noop("POST Data"),
    gettext_noop("Password change"),
    gettext_noop("Password change successful"),
    gettext_noop("Password reset"),
    gettext_noop("Password reset complete"),
    gettext_noop("Password reset sent"),
    gettext_noop("Password reset unsuccessful"),
    gettext_noop("Password-based authentication"),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Path"),
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", "n"),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."
    ),
    gettext_noop(
        "Please enter the correct %(username)s and password for a staff account. Note that both fields may be case-sensitive."
    ),
    gettext_noop(
        "Please enter your old password, for security’s sake, and then enter your new password twice so we can verify you typed it in correctly."
    ),
    gettext_noop("Popup closing…"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Recent actions"),
    gettext_noop("Remove from sorting"),
    gettext_noop("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    gettext_noop("Reset password"),
    gettext_noop("Save and view"),
    gettext_noop("Select %s to view"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Set password"),
    gettext_noop("Set password: %s"),
    gettext_noop("Show counts"),
    gettext_noop("Sidebar"),
    gettext_noop("Skip to main content"),
    gettext_noop(
        "Something’s wrong with your database installation. Make sure the appropriate database tables have been created, and make sure the database is readable by the appropriate user."
    ),
    gettext_noop("Sorting priority: %(priority_number)s"),
    gettext_noop("Specific permissions for this user."),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Summary"),
    gettext_noop("Thanks for spending some quality time with the web site today."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop(
        "The groups this user belongs to. A user will get all permissions granted to each of their groups."
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop(
        "There’s been an error. It’s been reported to the site administrators via email and should be fixed shortly. Thanks for your patience."
    ),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop(
        "This object doesn’t have a change history. It probably wasn’t added via this admin site."
    ),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("This password is too common."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "n",
    ),
    gettext_noop("Toggle navigation"),
    gettext_noop("Toggle sorting"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("View"),
    gettext_noop("View %s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("View site"),
    gettext_noop("We’re sorry, but the requested page could not be found."),
    gettext_noop(
        "We’ve emailed you instructions for setting your password, if an account exists with the email you entered. You should receive them shortly."
    ),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    gettext_noop("Yes, I’m sure"),
    gettext_noop(
        "You are authenticated as %(username)s, but are not authorized to access this page. Would you like to login to a different account?"
    ),
    gettext_noop("You don’t have permission to view or edit anything."),
    gettext_noop("You may edit it again below."),
    gettext_noop(
        "You're receiving this email because you requested a password reset for your user account at %(site_name)s."
    ),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "n",
    ),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("algorithm"),
    gettext_noop("block size"),
    gettext_noop("checksum"),
    gettext_noop("content type"),
    gettext_noop("email address"),
    ngettext_lazy("entry", "entries", "n"),
    gettext_noop("hash"),
    gettext_noop("iterations"),
    gettext_noop("memory cost"),
    gettext_noop("parallelism"),
    gettext_noop("salt"),
    gettext_noop("time cost"),
    gettext_noop("user"),
    gettext_noop("variety"),
    gettext_noop("version"),
    gettext_noop("work factor"),
]

# django-tasks-db's admin of the jobs (its models name themselves in English only).
JOB_MESSAGES = [
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("priority"),
    gettext_noop("queue name"),
    gettext_noop("task path"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("traceback"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]
