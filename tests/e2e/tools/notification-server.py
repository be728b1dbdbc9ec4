#!/usr/bin/python3
"""A stand-in desktop notification server for the end-to-end tests (freedesktop spec).

It owns org.freedesktop.Notifications on the session bus, answers Notify with an id and
writes one JSON line per notification to the file named by its first argument. A test
"clicks" a notification by calling the extra method Click(id, action), which emits
ActionInvoked as a real server does when the owner clicks it.
"""
import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
TEST = "org.haoping.TestNotifications"


class Server(dbus.service.Object):
    def __init__(self, bus, log_path):
        super().__init__(bus, PATH)
        self.next_id = 1
        self.log_path = log_path

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
        nid = int(replaces) or self.next_id
        self.next_id = max(self.next_id, nid) + 1
        entry = {"id": nid, "app": str(app), "summary": str(summary), "body": str(body),
                 "actions": [str(a) for a in actions]}
        with open(self.log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return dbus.UInt32(nid)

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["actions", "body"]

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("haoping-e2e", "haoping", "1.0", "1.2")

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, nid):
        self.NotificationClosed(nid, 3)

    @dbus.service.signal(NAME, signature="us")
    def ActionInvoked(self, nid, action):
        pass

    @dbus.service.signal(NAME, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass

    @dbus.service.method(TEST, in_signature="us", out_signature="")
    def Click(self, nid, action):
        self.ActionInvoked(nid, action)


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    Server(bus, sys.argv[1])
    print("notification server ready", flush=True)
    GLib.MainLoop().run()
    del name


if __name__ == "__main__":
    main()
