package dev.ferry.web.users;

/** A change the users page refuses (last admin, oneself, bad password): the message key and its arguments. */
class UserChangeRefused extends RuntimeException {

	private final String messageKey;

	private final Object[] arguments;

	UserChangeRefused(String messageKey, Object... arguments) {
		super(messageKey);
		this.messageKey = messageKey;
		this.arguments = arguments;
	}

	String messageKey() {
		return this.messageKey;
	}

	Object[] arguments() {
		return this.arguments;
	}

}
