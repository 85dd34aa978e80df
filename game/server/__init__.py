"""The classroom over the local network (aiohttp; no pygame): a room code, a page on each student's device,
each socket fed only its audience's view, and the facilitator's page. See docs/classroom-network.md."""
